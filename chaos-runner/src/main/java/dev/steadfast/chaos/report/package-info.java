/** The HTML report of a run: XChart PNG charts embedded in one self-contained page, with the invariants and figures. */
package dev.steadfast.chaos.report;
