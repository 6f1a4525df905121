package io.maid.goose.ports.in;

import io.maid.goose.ports.out.PluginHealth;

import java.util.List;

/** The configured plugins and their health, checked now (each check bounded by a short timeout). */
public interface PluginStatusQuery {
    List<PluginHealth> plugins();
}
