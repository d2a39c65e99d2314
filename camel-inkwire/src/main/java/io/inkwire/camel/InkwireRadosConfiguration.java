package io.inkwire.camel;

import io.inkwire.rados.RadosClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of an {@code inkwire-rados} endpoint; the component's are the defaults every
 * endpoint starts from. The cluster is reached through {@link #getRadosClient() radosClient}
 * when one is given (or found in the registry), else through a client built from
 * {@code conf}/{@code keyring}/{@code monHost}/{@code name} as the {@code ceph} CLI builds one.
 */
@UriParams
public class InkwireRadosConfiguration implements Cloneable {

    /** {@code rados put}/{@code get}'s default op size (src/tools/rados/rados.cc). */
    static final int DEFAULT_CHUNK_SIZE = 4 << 20;
    /** Ceph's osd_max_write_size (90 MiB): one write larger than this is refused by the OSD. */
    static final int MAX_CHUNK_SIZE = 90 << 20;

    @UriParam(label = "common", description = "The RADOS client to use (e.g. the io.inkwire.rados.RadosClient service in OSGi). "
            + "When set, conf, keyring, monHost, name, id and cephOptions are not used and the client is not closed by Camel.")
    @Metadata(autowired = true)
    private RadosClient radosClient;

    @UriParam(label = "common", description = "The ceph.conf to read, as the CLI's -c/--conf (a comma-separated list: the first that exists). "
            + "Default: $CEPH_CONF, else /etc/ceph/$cluster.conf, ~/.ceph/$cluster.conf, ./$cluster.conf.")
    private String conf;

    @UriParam(label = "security", description = "The keyring file, as the CLI's -k/--keyring. Default: the keyring option of ceph.conf, "
            + "else Ceph's search path.")
    private String keyring;

    @UriParam(label = "common", description = "The monitors, in mon_host syntax ([v2:127.0.0.1:3300,v1:127.0.0.1:6789], 127.0.0.1, ...), "
            + "as the CLI's -m/--mon-host; overrides ceph.conf.")
    private String monHost;

    @UriParam(label = "security", description = "The entity to authenticate as, TYPE.ID, as the CLI's -n/--name. Default client.admin "
            + "(or what CEPH_ARGS names).")
    private String name;

    @UriParam(label = "security", description = "The client id, as the CLI's -i/--id: client.ID.")
    private String id;

    @UriParam(label = "common,advanced", prefix = "ceph.", multiValue = true, description = "Ceph options by name, overriding ceph.conf "
            + "and CEPH_ARGS as the CLI's --NAME VALUE does, e.g. ceph.rados_osd_op_timeout=30 or ceph.ms_mon_client_mode=secure.")
    private Map<String, Object> cephOptions;

    @UriParam(label = "common", description = "The namespace objects are in; the default namespace when empty.")
    private String namespace = "";

    @UriParam(label = "producer", description = "The object the producer works on when the message has no CamelInkwireObjectName header.")
    private String objectName;

    @UriParam(label = "producer", defaultValue = "put", description = "The producer's operation when the message has no "
            + "CamelInkwireOperation header.")
    private InkwireRadosOperation operation = InkwireRadosOperation.put;

    @UriParam(label = "common", defaultValue = "4194304", description = "Bytes per RADOS op when data is written or read in pieces: "
            + "put and append write bodies in chunks of this size, get and the consumer read objects larger than this as a stream "
            + "of such chunks (at most 90 MiB, Ceph's osd_max_write_size).")
    private int chunkSize = DEFAULT_CHUNK_SIZE;

    @UriParam(label = "producer", defaultValue = "true", description = "Whether an operation on an object that does not exist (ENOENT: "
            + "get, stat, delete, getxattr, omapGet) fails the exchange with an InkwireRadosException. When false the exchange goes on "
            + "with a null body and the CamelInkwireErrno header set to 2.")
    private boolean throwExceptionOnMissing = true;

    @UriParam(label = "producer", description = "The xattr getxattr and setxattr work on when the message has no CamelInkwireXattrName header.")
    private String xattrName;

    @UriParam(label = "producer", defaultValue = "false", description = "Whether put, get, stat and delete work on striped objects as "
            + "Ceph's libradosstriper stores them (rados --striper): the object is NAME.0000000000000000, NAME.0000000000000001, ... "
            + "with its layout and size in xattrs of the first; put streams the body in stripe units with several in flight, get "
            + "returns a stream that reads chunkSize bytes at a time. Objects get libradosstriper's default layout (4 MiB units, "
            + "one stripe, 4 MiB objects).")
    private boolean striper;

    @UriParam(label = "producer", defaultValue = "1000", description = "The most object names one list operation returns (one page).")
    private int maxResults = 1000;

    @UriParam(label = "consumer", defaultValue = "10", description = "The most objects one poll hands to the route (0: no limit).")
    private int maxMessagesPerPoll = 10;

    @UriParam(label = "consumer", description = "Only objects whose names start with this are consumed.")
    private String prefix;

    @UriParam(label = "consumer", defaultValue = "true", description = "Whether the consumer deletes an object once the route processed it "
            + "successfully.")
    private boolean deleteAfterRead = true;

    @UriParam(label = "consumer", defaultValue = "false", description = "Whether the consumer moves an object once the route processed it "
            + "successfully: its data, xattrs and omap are copied to destinationNamespace under destinationPrefix + name, then it is "
            + "removed (whatever deleteAfterRead says).")
    private boolean moveAfterRead;

    @UriParam(label = "consumer", description = "Where moveAfterRead moves objects: a namespace of the same pool (default: the endpoint's).")
    private String destinationNamespace;

    @UriParam(label = "consumer", description = "What moveAfterRead puts before an object's name.")
    private String destinationPrefix;

    @UriParam(label = "consumer", defaultValue = "true", description = "Whether the consumer's exchanges carry the object's data as body; "
            + "when false only the headers are set.")
    private boolean includeBody = true;

    @UriParam(label = "consumer", description = "A repository of the objects consumed (a file-based one survives restarts): an object whose "
            + "key (POOL/NAMESPACE/NAME) it holds is skipped. Keys are added before the route runs and removed again when it fails, "
            + "so a failed object is retried.")
    private IdempotentRepository idempotentRepository;

    @UriParam(label = "consumer", defaultValue = "false", description = "Instead of polling the listing, watch the object objectName names: "
            + "each notify becomes an InOut exchange (body: the notify's payload) and the route's reply body goes back as the ack payload. "
            + "The object must exist when the route starts.")
    private boolean watch;

    @UriParam(label = "consumer", defaultValue = "0", description = "With watch: seconds the OSD keeps the watch without hearing from "
            + "the client (0: the OSD's osd_client_watch_timeout).")
    private int watchTimeout;

    @UriParam(label = "producer", defaultValue = "0", description = "How long a notify waits for the watchers' acks, in milliseconds "
            + "(0: Ceph's client_notify_timeout).")
    private long notifyTimeout;

    public InkwireRadosConfiguration copy() {
        try {
            InkwireRadosConfiguration c = (InkwireRadosConfiguration) clone();
            if (cephOptions != null) {
                c.cephOptions = new LinkedHashMap<>(cephOptions);
            }
            return c;
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** The connection options as a value, for sharing one client among the endpoints that name the same cluster. */
    RadosConnectionSettings connectionSettings() {
        Map<String, String> options = new LinkedHashMap<>();
        if (cephOptions != null) {
            cephOptions.forEach((k, v) -> options.put(k, String.valueOf(v)));
        }
        return new RadosConnectionSettings(conf, keyring, monHost, name, id, options);
    }

    public RadosClient getRadosClient() {
        return radosClient;
    }

    public void setRadosClient(RadosClient radosClient) {
        this.radosClient = radosClient;
    }

    public String getConf() {
        return conf;
    }

    public void setConf(String conf) {
        this.conf = conf;
    }

    public String getKeyring() {
        return keyring;
    }

    public void setKeyring(String keyring) {
        this.keyring = keyring;
    }

    public String getMonHost() {
        return monHost;
    }

    public void setMonHost(String monHost) {
        this.monHost = monHost;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public Map<String, Object> getCephOptions() {
        return cephOptions;
    }

    public void setCephOptions(Map<String, Object> cephOptions) {
        this.cephOptions = cephOptions;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace == null ? "" : namespace;
    }

    public String getObjectName() {
        return objectName;
    }

    public void setObjectName(String objectName) {
        this.objectName = objectName;
    }

    public InkwireRadosOperation getOperation() {
        return operation;
    }

    public void setOperation(InkwireRadosOperation operation) {
        this.operation = operation;
    }

    public int getChunkSize() {
        return chunkSize;
    }

    public void setChunkSize(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    public boolean isThrowExceptionOnMissing() {
        return throwExceptionOnMissing;
    }

    public void setThrowExceptionOnMissing(boolean throwExceptionOnMissing) {
        this.throwExceptionOnMissing = throwExceptionOnMissing;
    }

    public boolean isStriper() {
        return striper;
    }

    public void setStriper(boolean striper) {
        this.striper = striper;
    }

    public String getXattrName() {
        return xattrName;
    }

    public void setXattrName(String xattrName) {
        this.xattrName = xattrName;
    }

    public int getMaxResults() {
        return maxResults;
    }

    public void setMaxResults(int maxResults) {
        this.maxResults = maxResults;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public boolean isDeleteAfterRead() {
        return deleteAfterRead;
    }

    public void setDeleteAfterRead(boolean deleteAfterRead) {
        this.deleteAfterRead = deleteAfterRead;
    }

    public boolean isMoveAfterRead() {
        return moveAfterRead;
    }

    public void setMoveAfterRead(boolean moveAfterRead) {
        this.moveAfterRead = moveAfterRead;
    }

    public String getDestinationNamespace() {
        return destinationNamespace;
    }

    public void setDestinationNamespace(String destinationNamespace) {
        this.destinationNamespace = destinationNamespace;
    }

    public String getDestinationPrefix() {
        return destinationPrefix;
    }

    public void setDestinationPrefix(String destinationPrefix) {
        this.destinationPrefix = destinationPrefix;
    }

    public boolean isIncludeBody() {
        return includeBody;
    }

    public void setIncludeBody(boolean includeBody) {
        this.includeBody = includeBody;
    }

    public boolean isWatch() {
        return watch;
    }

    public void setWatch(boolean watch) {
        this.watch = watch;
    }

    public int getWatchTimeout() {
        return watchTimeout;
    }

    public void setWatchTimeout(int watchTimeout) {
        this.watchTimeout = watchTimeout;
    }

    public long getNotifyTimeout() {
        return notifyTimeout;
    }

    public void setNotifyTimeout(long notifyTimeout) {
        this.notifyTimeout = notifyTimeout;
    }

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }
}
