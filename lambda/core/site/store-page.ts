// How many articles the site service reads from a store in one request. Pure.

/** Articles per store read. */
export const STORE_PAGE = 1000;
