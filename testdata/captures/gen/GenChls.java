// Writes a Charles native session (.chls) for valint's tests: Java serialization of a
// com.xk72.charles.model.Session with the object graph ../../../../shared/reference/CAPTURES.md
// describes (hosts, nested path nodes, transactions with Fields headers, byte[] bodies,
// java.util.Date times). The classes below declare the same names and fields as Charles's
// own; they are this generator's, not Charles's code.
//
// Input: the .tsv that traffic.py writes, one transaction a line:
// method, host, path+query, status, Location or -, start (epoch ms), gzip|plain, body or -.
//
//   javac -d /tmp/genchls GenChls.java com/xk72/charles/model/*.java com/xk72/proxy/*.java
//   java -cp /tmp/genchls GenChls charles-session.tsv ../charles-session.chls

import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.zip.GZIPOutputStream;

public class GenChls {
    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8);
        com.xk72.charles.model.Session session = new com.xk72.charles.model.Session();
        Map<String, com.xk72.charles.model.Host> hosts = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isEmpty()) continue;
            String[] f = line.split("\t", -1);
            String method = f[0], host = f[1], file = f[2];
            int status = Integer.parseInt(f[3]);
            String location = f[4];
            long start = Long.parseLong(f[5]);
            boolean gzip = f[6].equals("gzip");
            String body = f[7];

            com.xk72.charles.model.Host h = hosts.get(host);
            if (h == null) {
                h = new com.xk72.charles.model.Host(host, "https", -1);
                hosts.put(host, h);
                session.children.add(h);
            }
            com.xk72.charles.model.Transaction t = new com.xk72.charles.model.Transaction();
            t.host = host;
            t.file = file;
            t.scheme = method;
            t.protocol = "https";
            t.port = 443;
            t.protocolVersion = "HTTP/1.1";
            t.startTime = new Date(start);
            t.requestBeginTime = new Date(start);
            t.requestCompleteTime = new Date(start + 2);
            t.responseBeginTime = new Date(start + 18);
            t.endTime = new Date(start + 20);
            List<String> reqNames = new ArrayList<>(List.of("Host"));
            List<String> reqValues = new ArrayList<>(List.of(host));
            if (!body.equals("-")) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                reqNames.add("Content-Type");
                reqValues.add("application/json");
                if (gzip) {
                    ByteArrayOutputStream buf = new ByteArrayOutputStream();
                    try (GZIPOutputStream z = new GZIPOutputStream(buf)) {
                        z.write(bytes);
                    }
                    bytes = buf.toByteArray();
                    reqNames.add("Content-Encoding");
                    reqValues.add("gzip");
                }
                t.requestBody = bytes;
                t.requestBodyDecoded = false;
            }
            t.requestHeader = new com.xk72.proxy.Fields(method + " " + file + " HTTP/1.1", reqNames, reqValues);
            List<String> resNames = new ArrayList<>();
            List<String> resValues = new ArrayList<>();
            if (!location.equals("-")) {
                resNames.add("Location");
                resValues.add(location);
            }
            t.responseHeader = new com.xk72.proxy.Fields("HTTP/1.1 " + status + " OK", resNames, resValues);
            // Down the path segments, as Charles's tree does.
            List<Object> children = h.children;
            String path = file.split("\\?", 2)[0];
            for (String seg : path.split("/")) {
                if (seg.isEmpty()) continue;
                com.xk72.charles.model.Path node = null;
                for (Object c : children) {
                    if (c instanceof com.xk72.charles.model.Path && ((com.xk72.charles.model.Path) c).name.equals(seg)) {
                        node = (com.xk72.charles.model.Path) c;
                    }
                }
                if (node == null) {
                    node = new com.xk72.charles.model.Path(seg);
                    children.add(node);
                }
                children = node.children;
            }
            children.add(t);
        }
        try (ObjectOutputStream out = new ObjectOutputStream(new FileOutputStream(args[1]))) {
            out.writeObject(session);
        }
    }
}
