/** How a demo service's connection pool tells a broken database connection from a failed statement. */
package dev.steadfast.demo.support.database;
