package dev.steadfast.compat;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Blocking and CompletableFuture endpoints, MVC style. */
@RestController
@RequestMapping("/mvc")
public class MvcController {

    private final BackendService backend;

    public MvcController(BackendService backend) {
        this.backend = backend;
    }

    @GetMapping("/failure")
    public String failure() throws IOException {
        return backend.failure();
    }

    @GetMapping("/success")
    public String success() {
        return backend.success();
    }

    @GetMapping("/future-timeout")
    public CompletableFuture<String> futureTimeout() throws InterruptedException {
        return backend.futureTimeout();
    }

    @GetMapping("/future-success")
    public CompletableFuture<String> futureSuccess() {
        return backend.futureSuccess();
    }
}
