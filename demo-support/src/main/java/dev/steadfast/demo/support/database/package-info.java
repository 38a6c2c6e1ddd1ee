/**
 * How a demo service's connection pool tells a broken database connection from a failed statement, and how it
 * reconnects soon after its database server is back.
 */
package dev.steadfast.demo.support.database;
