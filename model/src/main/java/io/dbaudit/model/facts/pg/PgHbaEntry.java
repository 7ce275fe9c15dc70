package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

import java.util.List;

/**
 * One effective line of pg_hba.conf (pg_hba_file_rules or the parsed file). {@code type} is local, host,
 * hostssl, hostnossl, hostgssenc, hostnogssenc. {@code address} is an IP, a hostname, "all", "samehost",
 * "samenet" or null for local lines; {@code netmask} is the mask in dotted or hex form when known.
 * {@code error} is the server's parse error for this line, if any.
 */
public record PgHbaEntry(String file, int line, String type, List<String> databases, List<String> users,
                         String address, String netmask, String method, List<String> options, String error)
        implements Fact {
    public PgHbaEntry {
        databases = databases == null ? List.of() : List.copyOf(databases);
        users = users == null ? List.of() : List.copyOf(users);
        options = options == null ? List.of() : List.copyOf(options);
    }

    public boolean local() {
        return "local".equals(type);
    }

    public boolean network() {
        return type != null && type.startsWith("host");
    }

    public boolean rejects() {
        return "reject".equals(method);
    }

    public boolean allDatabases() {
        return databases.contains("all");
    }

    public boolean allUsers() {
        return users.contains("all");
    }

    public boolean appliesTo(String user) {
        return users.contains("all") || users.contains(user);
    }

    /** Prefix length of the address range (0 for 0.0.0.0/0 and ::/0), or -1 when not an IP range. */
    public int prefixLength() {
        return HbaAddress.prefixLength(address, netmask);
    }

    /** "file:line" for evidence. */
    public String location() {
        return (file == null ? "pg_hba.conf" : file) + ":" + line;
    }

    /** The line as a DBA would write it, for evidence. */
    public String text() {
        StringBuilder b = new StringBuilder(type);
        b.append(' ').append(String.join(",", databases)).append(' ').append(String.join(",", users));
        if (address != null) {
            b.append(' ').append(address);
            if (netmask != null && !address.contains("/")) {
                b.append(' ').append(netmask);
            }
        }
        b.append(' ').append(method);
        for (String o : options) {
            b.append(' ').append(o);
        }
        return b.toString();
    }
}
