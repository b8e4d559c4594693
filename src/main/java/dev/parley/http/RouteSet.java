package dev.parley.http;

import java.util.List;

/** A feature's routes. Each feature package has one CDI bean implementing this; the router collects them. */
public interface RouteSet {
    List<Route> routes();
}
