/** The warm-up's request sender; built only by {@code dev.steadfast.warmup.autoconfigure}. */
package dev.steadfast.warmup.internal;
