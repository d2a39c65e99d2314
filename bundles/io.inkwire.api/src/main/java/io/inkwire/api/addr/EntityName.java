package io.inkwire.api.addr;

import java.util.Objects;

/**
 * An entity name such as {@code client.admin} or {@code osd.0} (Ceph's {@code EntityName}:
 * {@code u32 type} + {@code string id} on the wire).
 */
public record EntityName(EntityType type, String id) {

    public static final EntityName CLIENT_ADMIN = new EntityName(EntityType.CLIENT, "admin");

    public EntityName {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    /** Parses {@code TYPE.ID}, e.g. {@code client.admin}, {@code mon.}, {@code osd.0}. */
    public static EntityName parse(String text) {
        int dot = text.indexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("bad entity name '" + text + "': expected TYPE.ID such as client.admin");
        }
        return new EntityName(EntityType.fromText(text.substring(0, dot)), text.substring(dot + 1));
    }

    @Override
    public String toString() {
        return type.text() + "." + id;
    }

    // written out, as EntityAddr's: no invokedynamic bootstrap at first use
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof EntityName n && n.type == type && java.util.Objects.equals(n.id, id);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + java.util.Objects.hashCode(id);
    }
}
