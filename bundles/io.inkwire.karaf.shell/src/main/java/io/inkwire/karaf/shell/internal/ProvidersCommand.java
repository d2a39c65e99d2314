package io.inkwire.karaf.shell.internal;

import io.inkwire.api.MessengerFactory;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.mode.ConnectionMode;
import io.inkwire.osgi.InkwireProviders;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.FrameworkUtil;

/** {@code inkwire:providers}: the auth methods, modes, codecs and transports installed now. */
@Service
@Command(scope = "inkwire", name = "providers", description = "Lists installed auth methods, connection modes, message codecs and transports")
public final class ProvidersCommand implements Action {

    @Reference
    InkwireProviders providers;

    @Override
    public Object execute() {
        ShellTable table = Tables.withColumns("Kind", "Name", "Wire id", "Bundle");
        for (AuthProvider p : providers.authProviders()) {
            table.addRow().addContent("auth", p.name(), p.method(), bundleOf(p));
        }
        for (ConnectionMode m : providers.modes()) {
            table.addRow().addContent("mode", m.name(), m.id(), bundleOf(m));
        }
        for (MessengerFactory f : providers.transports()) {
            table.addRow().addContent("transport", f.transport(), "", bundleOf(f));
        }
        String types = providers.codecs().stream().map(MessageCodec::type).sorted(Comparator.naturalOrder()).map(String::valueOf)
                .collect(Collectors.joining(","));
        table.addRow().addContent("codecs", providers.codecs().size() + " message types", types, "");
        table.print(System.out);
        return null;
    }

    private static String bundleOf(Object o) {
        var b = FrameworkUtil.getBundle(o.getClass());
        return b == null ? "" : b.getSymbolicName() + " [" + b.getBundleId() + "]";
    }
}
