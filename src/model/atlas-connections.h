/* atlas-connections.h — the actors that share events with an actor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "atlas-types.h"

G_BEGIN_DECLS

typedef struct {
  AtlasActor *actor;   /* borrowed from the dataset */
  guint       count;   /* events both take part in, in any role */
} AtlasConnection;

/* A new array of AtlasConnection: every other actor that takes part in at least
 * one event with @actor, most shared events first, then in dataset order.
 * Empty when @actor is not of @dataset. */
GArray *atlas_dataset_get_connections (AtlasDataset *dataset,
                                       AtlasActor   *actor);

G_END_DECLS
