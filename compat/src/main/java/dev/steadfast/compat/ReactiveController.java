package dev.steadfast.compat;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Mono and Flux endpoints, WebFlux style. */
@RestController
@RequestMapping("/reactive")
public class ReactiveController {

    private final BackendService backend;

    public ReactiveController(BackendService backend) {
        this.backend = backend;
    }

    @GetMapping("/mono-failure")
    public Mono<String> monoFailure() {
        return backend.monoFailure();
    }

    @GetMapping("/mono-timeout")
    public Mono<String> monoTimeout() {
        return backend.monoTimeout();
    }

    @GetMapping("/flux-success")
    public Flux<String> fluxSuccess() {
        return backend.fluxSuccess();
    }
}
