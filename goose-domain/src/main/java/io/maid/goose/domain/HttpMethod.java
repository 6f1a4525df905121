package io.maid.goose.domain;

/** The request methods a transaction may use. */
public enum HttpMethod {
    GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS
}
