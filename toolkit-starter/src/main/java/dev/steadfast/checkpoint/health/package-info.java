/** Health of checkpointed state: how old each written checkpoint is against its interval. */
package dev.steadfast.checkpoint.health;
