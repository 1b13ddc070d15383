package com.xk72.charles.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** A host node: its name, protocol and port (-1 for the default), and its path nodes. */
public class Host implements Serializable {
    private static final long serialVersionUID = 1L;
    public String hostName;
    public String protocol;
    public int port;
    public List<Object> children = new ArrayList<>();

    public Host(String hostName, String protocol, int port) {
        this.hostName = hostName;
        this.protocol = protocol;
        this.port = port;
    }
}
