/** How the order service's connection pool tells a broken database connection from a failed statement. */
package dev.steadfast.demo.order.database;
