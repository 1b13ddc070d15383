package com.xk72.proxy;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.List;

/** Headers as parallel name and value arrays; the HTTP/1 first line goes in block data. */
public class Fields implements Serializable {
    private static final long serialVersionUID = 1L;
    public String[] fieldNames;
    public String[] fieldValues;
    private transient String firstLine;

    public Fields(String firstLine, List<String> names, List<String> values) {
        this.firstLine = firstLine;
        this.fieldNames = names.toArray(new String[0]);
        this.fieldValues = values.toArray(new String[0]);
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeUTF(firstLine);
    }
}
