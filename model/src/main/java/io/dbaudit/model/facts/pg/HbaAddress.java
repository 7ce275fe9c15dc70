package io.dbaudit.model.facts.pg;

/** Prefix-length arithmetic for pg_hba addresses; hostnames and keywords have no prefix (-1). */
final class HbaAddress {
    private HbaAddress() {
    }

    static int prefixLength(String address, String netmask) {
        if (address == null) {
            return -1;
        }
        String a = address.trim();
        int slash = a.indexOf('/');
        if (slash >= 0) {
            try {
                return Integer.parseInt(a.substring(slash + 1));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        if (netmask != null && !netmask.isBlank()) {
            return maskBits(netmask.trim());
        }
        if (looksLikeIp(a)) {
            // pg_hba_file_rules reports a bare address with a separate netmask; without one it is a host.
            return a.contains(":") ? 128 : 32;
        }
        return -1;
    }

    private static boolean looksLikeIp(String a) {
        return a.matches("[0-9.]+") || (a.contains(":") && a.matches("[0-9a-fA-F:.]+"));
    }

    private static int maskBits(String mask) {
        if (mask.contains(".")) {
            int bits = 0;
            for (String part : mask.split("\\.")) {
                bits += Integer.bitCount(Integer.parseInt(part) & 0xff);
            }
            return bits;
        }
        int bits = 0;
        for (String group : mask.split(":")) {
            if (!group.isEmpty()) {
                bits += Integer.bitCount(Integer.parseInt(group, 16) & 0xffff);
            }
        }
        return bits;
    }
}
