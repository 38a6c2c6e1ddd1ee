package dev.steadfast.demo.order.order;

import java.util.List;

/**
 * One page of orders, newest first.
 *
 * @param content the orders on this page
 * @param page the page's number, from 0
 * @param size the page size asked for
 * @param totalElements how many orders exist
 * @param totalPages how many pages of this size exist
 */
public record OrderPage(List<Order> content, int page, int size, long totalElements, long totalPages) {}
