package io.inkwire.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.camel.example.RunExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The README's example route (YAML, camel-main) against the lab: a file goes inbox → Ceph → outbox. */
@ExtendWith(CephLab.class)
class ExampleRouteTest {

    @TempDir
    Path tmp;

    @Test
    void aFileDroppedInTheInboxComesOutOfCephIntoTheOutbox() throws Exception {
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        Path outbox = tmp.resolve("outbox");
        Main main = RunExample.create();
        main.addInitialProperty("example.inbox", inbox.toString());
        main.addInitialProperty("example.outbox", outbox.toString());
        // the README runs it with CEPH_CONF exported by ceph-lab; the test names the lab's conf instead
        main.addInitialProperty("camel.component.inkwire-rados.conf", CephLab.conf().toString());
        Thread runner = new Thread(() -> {
            try {
                main.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "example-main");
        runner.start();
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((main.getCamelContext() == null || !main.getCamelContext().isStarted()) && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            Path source = LabTestSupport.randomFile(tmp.resolve("report.bin"), 5_000_000, 11);
            String digest = LabTestSupport.sha256(source);
            Files.copy(source, tmp.resolve(".report.bin.tmp"));
            Files.move(tmp.resolve(".report.bin.tmp"), inbox.resolve("report.bin"));
            Path out = outbox.resolve("report.bin");
            while (!(Files.exists(out) && Files.size(out) == 5_000_000) && System.nanoTime() < end) {
                Thread.sleep(200);
            }
            assertTrue(Files.exists(out), "not in the outbox within 60 s");
            assertEquals(digest, LabTestSupport.sha256(out));
            while (!CephLab.rados("-p", "test", "-N", "example", "ls").isEmpty() && System.nanoTime() < end) {
                Thread.sleep(200);
            }
            assertEquals("", CephLab.rados("-p", "test", "-N", "example", "ls")); // consumed and deleted
        } finally {
            main.stop();
            runner.join(TimeUnit.SECONDS.toMillis(30));
        }
    }
}
