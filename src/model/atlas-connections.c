/* atlas-connections.c — the actors that share events with an actor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include "atlas-actor.h"
#include "atlas-connections.h"
#include "atlas-dataset.h"
#include "atlas-event.h"

static int
compare_connections (gconstpointer a,
                     gconstpointer b)
{
  const AtlasConnection *ca = a;
  const AtlasConnection *cb = b;

  if (ca->count != cb->count)
    return ca->count > cb->count ? -1 : 1;

  return (int) atlas_actor_get_index (ca->actor) - (int) atlas_actor_get_index (cb->actor);
}

GArray *
atlas_dataset_get_connections (AtlasDataset *dataset,
                               AtlasActor   *actor)
{
  GArray *connections;
  g_autofree guint *counts = NULL;
  g_autofree guint *last_event = NULL;
  const guint *events;
  guint n_actors, n_events = 0;
  guint index;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (ATLAS_IS_ACTOR (actor), NULL);

  connections = g_array_new (FALSE, FALSE, sizeof (AtlasConnection));

  n_actors = g_list_model_get_n_items (atlas_dataset_get_actors (dataset));
  index = atlas_actor_get_index (actor);
  if (index >= n_actors || atlas_dataset_get_actor (dataset, index) != actor)
    return connections;

  counts = g_new0 (guint, n_actors);
  /* event index + 1 of the last event each actor was counted for: an actor
   * with two roles in one event counts once */
  last_event = g_new0 (guint, n_actors);

  events = atlas_dataset_get_actor_events (dataset, actor, &n_events);
  for (guint i = 0; i < n_events; i++)
    {
      AtlasEvent *event = atlas_dataset_get_event (dataset, events[i]);
      guint n_participants = atlas_event_get_n_participants (event);

      for (guint p = 0; p < n_participants; p++)
        {
          AtlasActor *other = atlas_event_get_participant (event, p, NULL);
          guint o = atlas_actor_get_index (other);

          if (other == actor || o >= n_actors || last_event[o] == events[i] + 1)
            continue;

          last_event[o] = events[i] + 1;
          counts[o]++;
        }
    }

  for (guint a = 0; a < n_actors; a++)
    {
      AtlasConnection connection;

      if (counts[a] == 0)
        continue;

      connection.actor = atlas_dataset_get_actor (dataset, a);
      connection.count = counts[a];
      g_array_append_val (connections, connection);
    }

  g_array_sort (connections, compare_connections);

  return connections;
}
