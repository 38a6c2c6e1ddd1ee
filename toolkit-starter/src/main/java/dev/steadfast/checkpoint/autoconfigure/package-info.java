/** Auto-configuration of checkpointed state: the store, the manager, and their health, endpoint and metrics. */
package dev.steadfast.checkpoint.autoconfigure;
