/* atlas-actor-private.h — the actor's fields, filled in by the loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "atlas-actor.h"

G_BEGIN_DECLS

struct _AtlasActor
{
  GObject         parent_instance;

  char           *id;
  char           *name;
  char           *description;
  GHashTable     *names;        /* language → name, owned strings */
  GStrv           aliases;      /* never NULL */
  AtlasActor     *affiliation;  /* owned reference; the format forbids cycles */

  AtlasActorKind  kind;
  guint           index;
  guint           n_events;
};

AtlasActor *atlas_actor_new (void);

G_END_DECLS
