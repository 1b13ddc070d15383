package com.xk72.charles.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The root of a generated session: its hosts. */
public class Session implements Serializable {
    private static final long serialVersionUID = 1L;
    public List<Host> children = new ArrayList<>();
}
