package com.xk72.charles.model;

import java.io.Serializable;
import java.util.Date;

/** One recorded exchange; `scheme` holds the HTTP method, as in Charles's files. */
public class Transaction implements Serializable {
    private static final long serialVersionUID = 1L;
    public String host;
    public String file;
    public String scheme;
    public String protocol;
    public int port;
    public String protocolVersion;
    public Date startTime;
    public Date requestBeginTime;
    public Date requestCompleteTime;
    public Date responseBeginTime;
    public Date endTime;
    public com.xk72.proxy.Fields requestHeader;
    public com.xk72.proxy.Fields responseHeader;
    public byte[] requestBody;
    public byte[] responseBody;
    public boolean requestBodyDecoded;
    public boolean responseBodyDecoded;
    public Throwable exception;
}
