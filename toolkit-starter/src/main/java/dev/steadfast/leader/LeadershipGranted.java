package dev.steadfast.leader;

/**
 * This instance became leader of an election for the term of {@code token}.
 *
 * @param election the name of the election
 * @param token the token of the new term
 */
public record LeadershipGranted(String election, FencingToken token) implements LeadershipEvent {}
