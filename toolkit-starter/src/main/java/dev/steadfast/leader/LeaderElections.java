package dev.steadfast.leader;

import java.util.Collection;

/** The elections this application takes part in, by name. */
public interface LeaderElections {

    /** The default election, named after {@code spring.application.name} unless configured otherwise. */
    LeaderElection getDefault();

    /**
     * The election with the given name.
     *
     * @throws IllegalArgumentException if no election of that name is configured
     */
    LeaderElection get(String name);

    /** All elections, the default one first. */
    Collection<LeaderElection> all();
}
