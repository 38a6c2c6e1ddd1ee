package dev.steadfast.compat;

import org.springframework.boot.test.context.SpringBootTest;

/** The contract on the servlet stack, with steadfast.resilience.fast-path.enabled=true. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=servlet", "steadfast.resilience.fast-path.enabled=true"})
class MvcFastPathTests extends CompatContract {

    @Override
    boolean fastPath() {
        return true;
    }
}
