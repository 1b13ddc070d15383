package com.xk72.charles.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** One URL path segment of the tree, holding deeper segments and transactions. */
public class Path implements Serializable {
    private static final long serialVersionUID = 1L;
    public String name;
    public List<Object> children = new ArrayList<>();

    public Path(String name) {
        this.name = name;
    }
}
