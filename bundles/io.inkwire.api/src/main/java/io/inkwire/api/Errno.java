package io.inkwire.api;

/**
 * A Linux errno as Ceph reports it: its name ({@code ENOENT}), its number (2) and the text glibc's
 * {@code strerror} gives for it ("No such file or directory"), which is what Ceph's tools print.
 * Ceph puts errnos on the wire as negative numbers (a monitor command's {@code r}, AUTH_BAD_METHOD's
 * {@code result}); {@link #of(int)} takes either sign.
 *
 * <p>The two ways inkwire prints one:
 * <ul>
 *   <li>{@link #shortForm()}, {@code "EACCES -13"}: name and the negative value as it travelled, for
 *       protocol and authentication errors, where the sentence around it already says what failed;</li>
 *   <li>{@link #cephStyle()}, {@code "(2) No such file or directory"}: what {@code cpp_strerror}
 *       gives ({@code src/common/errno.cc}), as {@code rados} and {@code ceph} print a failed call.</li>
 * </ul>
 * The table covers errnos 1 to 133 of Linux x86-64 with glibc's texts; Ceph's own names are aliases
 * of Linux ones ({@link #EBLOCKLISTED} is ESHUTDOWN, {@link #EOLDSNAPC} is ERESTART:
 * {@code src/include/rados.h}). Any other number is "Unknown error N", as glibc says.
 */
public final class Errno {

    private static final int LAST = 133;
    private static final Errno[] TABLE = new Errno[LAST + 1];

    static {
        row(1, "EPERM", "Operation not permitted");
        row(2, "ENOENT", "No such file or directory");
        row(3, "ESRCH", "No such process");
        row(4, "EINTR", "Interrupted system call");
        row(5, "EIO", "Input/output error");
        row(6, "ENXIO", "No such device or address");
        row(7, "E2BIG", "Argument list too long");
        row(8, "ENOEXEC", "Exec format error");
        row(9, "EBADF", "Bad file descriptor");
        row(10, "ECHILD", "No child processes");
        row(11, "EAGAIN", "Resource temporarily unavailable");
        row(12, "ENOMEM", "Cannot allocate memory");
        row(13, "EACCES", "Permission denied");
        row(14, "EFAULT", "Bad address");
        row(15, "ENOTBLK", "Block device required");
        row(16, "EBUSY", "Device or resource busy");
        row(17, "EEXIST", "File exists");
        row(18, "EXDEV", "Invalid cross-device link");
        row(19, "ENODEV", "No such device");
        row(20, "ENOTDIR", "Not a directory");
        row(21, "EISDIR", "Is a directory");
        row(22, "EINVAL", "Invalid argument");
        row(23, "ENFILE", "Too many open files in system");
        row(24, "EMFILE", "Too many open files");
        row(25, "ENOTTY", "Inappropriate ioctl for device");
        row(26, "ETXTBSY", "Text file busy");
        row(27, "EFBIG", "File too large");
        row(28, "ENOSPC", "No space left on device");
        row(29, "ESPIPE", "Illegal seek");
        row(30, "EROFS", "Read-only file system");
        row(31, "EMLINK", "Too many links");
        row(32, "EPIPE", "Broken pipe");
        row(33, "EDOM", "Numerical argument out of domain");
        row(34, "ERANGE", "Numerical result out of range");
        row(35, "EDEADLK", "Resource deadlock avoided");
        row(36, "ENAMETOOLONG", "File name too long");
        row(37, "ENOLCK", "No locks available");
        row(38, "ENOSYS", "Function not implemented");
        row(39, "ENOTEMPTY", "Directory not empty");
        row(40, "ELOOP", "Too many levels of symbolic links");
        // 41: no errno on Linux
        row(42, "ENOMSG", "No message of desired type");
        row(43, "EIDRM", "Identifier removed");
        row(44, "ECHRNG", "Channel number out of range");
        row(45, "EL2NSYNC", "Level 2 not synchronized");
        row(46, "EL3HLT", "Level 3 halted");
        row(47, "EL3RST", "Level 3 reset");
        row(48, "ELNRNG", "Link number out of range");
        row(49, "EUNATCH", "Protocol driver not attached");
        row(50, "ENOCSI", "No CSI structure available");
        row(51, "EL2HLT", "Level 2 halted");
        row(52, "EBADE", "Invalid exchange");
        row(53, "EBADR", "Invalid request descriptor");
        row(54, "EXFULL", "Exchange full");
        row(55, "ENOANO", "No anode");
        row(56, "EBADRQC", "Invalid request code");
        row(57, "EBADSLT", "Invalid slot");
        // 58: no errno on Linux
        row(59, "EBFONT", "Bad font file format");
        row(60, "ENOSTR", "Device not a stream");
        row(61, "ENODATA", "No data available");
        row(62, "ETIME", "Timer expired");
        row(63, "ENOSR", "Out of streams resources");
        row(64, "ENONET", "Machine is not on the network");
        row(65, "ENOPKG", "Package not installed");
        row(66, "EREMOTE", "Object is remote");
        row(67, "ENOLINK", "Link has been severed");
        row(68, "EADV", "Advertise error");
        row(69, "ESRMNT", "Srmount error");
        row(70, "ECOMM", "Communication error on send");
        row(71, "EPROTO", "Protocol error");
        row(72, "EMULTIHOP", "Multihop attempted");
        row(73, "EDOTDOT", "RFS specific error");
        row(74, "EBADMSG", "Bad message");
        row(75, "EOVERFLOW", "Value too large for defined data type");
        row(76, "ENOTUNIQ", "Name not unique on network");
        row(77, "EBADFD", "File descriptor in bad state");
        row(78, "EREMCHG", "Remote address changed");
        row(79, "ELIBACC", "Can not access a needed shared library");
        row(80, "ELIBBAD", "Accessing a corrupted shared library");
        row(81, "ELIBSCN", ".lib section in a.out corrupted");
        row(82, "ELIBMAX", "Attempting to link in too many shared libraries");
        row(83, "ELIBEXEC", "Cannot exec a shared library directly");
        row(84, "EILSEQ", "Invalid or incomplete multibyte or wide character");
        row(85, "ERESTART", "Interrupted system call should be restarted");
        row(86, "ESTRPIPE", "Streams pipe error");
        row(87, "EUSERS", "Too many users");
        row(88, "ENOTSOCK", "Socket operation on non-socket");
        row(89, "EDESTADDRREQ", "Destination address required");
        row(90, "EMSGSIZE", "Message too long");
        row(91, "EPROTOTYPE", "Protocol wrong type for socket");
        row(92, "ENOPROTOOPT", "Protocol not available");
        row(93, "EPROTONOSUPPORT", "Protocol not supported");
        row(94, "ESOCKTNOSUPPORT", "Socket type not supported");
        row(95, "EOPNOTSUPP", "Operation not supported");
        row(96, "EPFNOSUPPORT", "Protocol family not supported");
        row(97, "EAFNOSUPPORT", "Address family not supported by protocol");
        row(98, "EADDRINUSE", "Address already in use");
        row(99, "EADDRNOTAVAIL", "Cannot assign requested address");
        row(100, "ENETDOWN", "Network is down");
        row(101, "ENETUNREACH", "Network is unreachable");
        row(102, "ENETRESET", "Network dropped connection on reset");
        row(103, "ECONNABORTED", "Software caused connection abort");
        row(104, "ECONNRESET", "Connection reset by peer");
        row(105, "ENOBUFS", "No buffer space available");
        row(106, "EISCONN", "Transport endpoint is already connected");
        row(107, "ENOTCONN", "Transport endpoint is not connected");
        row(108, "ESHUTDOWN", "Cannot send after transport endpoint shutdown");
        row(109, "ETOOMANYREFS", "Too many references: cannot splice");
        row(110, "ETIMEDOUT", "Connection timed out");
        row(111, "ECONNREFUSED", "Connection refused");
        row(112, "EHOSTDOWN", "Host is down");
        row(113, "EHOSTUNREACH", "No route to host");
        row(114, "EALREADY", "Operation already in progress");
        row(115, "EINPROGRESS", "Operation now in progress");
        row(116, "ESTALE", "Stale file handle");
        row(117, "EUCLEAN", "Structure needs cleaning");
        row(118, "ENOTNAM", "Not a XENIX named type file");
        row(119, "ENAVAIL", "No XENIX semaphores available");
        row(120, "EISNAM", "Is a named type file");
        row(121, "EREMOTEIO", "Remote I/O error");
        row(122, "EDQUOT", "Disk quota exceeded");
        row(123, "ENOMEDIUM", "No medium found");
        row(124, "EMEDIUMTYPE", "Wrong medium type");
        row(125, "ECANCELED", "Operation canceled");
        row(126, "ENOKEY", "Required key not available");
        row(127, "EKEYEXPIRED", "Key has expired");
        row(128, "EKEYREVOKED", "Key has been revoked");
        row(129, "EKEYREJECTED", "Key was rejected by service");
        row(130, "EOWNERDEAD", "Owner died");
        row(131, "ENOTRECOVERABLE", "State not recoverable");
        row(132, "ERFKILL", "Operation not possible due to RF-kill");
        row(133, "EHWPOISON", "Memory page has hardware error");
    }

    public static final Errno EPERM = of(1);
    public static final Errno ENOENT = of(2);
    public static final Errno EAGAIN = of(11);
    public static final Errno EACCES = of(13);
    public static final Errno EBUSY = of(16);
    public static final Errno EEXIST = of(17);
    public static final Errno EINVAL = of(22);
    public static final Errno ERANGE = of(34);
    public static final Errno ENODATA = of(61);
    public static final Errno EOPNOTSUPP = of(95);
    public static final Errno ESHUTDOWN = of(108);
    public static final Errno ETIMEDOUT = of(110);
    public static final Errno ECONNREFUSED = of(111);
    public static final Errno ECANCELED = of(125);
    /** Ceph's name for ESHUTDOWN: this client is on the OSDMap's blocklist. */
    public static final Errno EBLOCKLISTED = ESHUTDOWN;
    /** Ceph's name for ERESTART: a write carried an older snapshot context than the object's. */
    public static final Errno EOLDSNAPC = of(85);

    private final int number;
    private final String name;
    private final String strerror;

    private Errno(int number, String name, String strerror) {
        this.number = number;
        this.name = name;
        this.strerror = strerror;
    }

    private static void row(int number, String name, String strerror) {
        TABLE[number] = new Errno(number, name, strerror);
    }

    /**
     * The errno {@code errno} or {@code -errno} (Ceph's negative return codes). A number with no
     * Linux errno is named {@code "errno N"} with glibc's text {@code "Unknown error N"}.
     */
    public static Errno of(int errno) {
        int n = errno < 0 && errno != Integer.MIN_VALUE ? -errno : errno;
        if (n >= 1 && n <= LAST && TABLE[n] != null) {
            return TABLE[n];
        }
        return new Errno(n, "errno " + n, n == 0 ? "Success" : "Unknown error " + n);
    }

    /** Whether Linux defines this number (1 to 133, but for the two gaps 41 and 58). */
    public boolean known() {
        return number >= 1 && number <= LAST && TABLE[number] == this;
    }

    /** The positive number: 2 for ENOENT. */
    public int number() {
        return number;
    }

    /** Linux's name, {@code "ENOENT"}; {@code "errno N"} for a number Linux does not define. */
    public String name() {
        return name;
    }

    /** glibc's {@code strerror} text, {@code "No such file or directory"}. */
    public String strerror() {
        return strerror;
    }

    /** {@code cpp_strerror}'s wording, as {@code rados} prints it: {@code "(2) No such file or directory"}. */
    public String cephStyle() {
        return "(" + number + ") " + strerror;
    }

    /** Name and negative value, {@code "EACCES -13"}; {@code "errno -N"} for a number Linux does not define. */
    public String shortForm() {
        return known() ? name + " -" + number : "errno " + (-(long) number);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Errno e && e.number == number;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(number);
    }

    /** {@code "ENOENT (2) No such file or directory"}: name and {@link #cephStyle()}. */
    @Override
    public String toString() {
        return known() ? name + " " + cephStyle() : cephStyle();
    }
}
