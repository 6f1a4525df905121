package io.maid.goose.port.in;

import io.maid.goose.port.out.PluginHealth;

import java.util.List;

/** The configured plugins and their health, checked now (each check bounded by a short timeout). */
public interface PluginStatusQuery {
    List<PluginHealth> plugins();
}
