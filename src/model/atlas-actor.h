/* atlas-actor.h — a person, state, group, vessel… that takes part in events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "atlas-types.h"
#include "atlas-vocab.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_ACTOR (atlas_actor_get_type ())
G_DECLARE_FINAL_TYPE (AtlasActor, atlas_actor, ATLAS, ACTOR, GObject)

const char          *atlas_actor_get_id           (AtlasActor *self);
const char          *atlas_actor_get_name         (AtlasActor *self);
/* the name in @language ("ar", "ru"), falling back to the default name */
const char          *atlas_actor_get_name_for     (AtlasActor *self,
                                                   const char *language);
/* the name in the language of the user interface, atlas_ui_language() */
const char          *atlas_actor_get_display_name (AtlasActor *self);
/* language → name, never NULL (may be empty) */
GHashTable          *atlas_actor_get_names        (AtlasActor *self);
/* NULL-terminated, never NULL */
const char * const  *atlas_actor_get_aliases      (AtlasActor *self);
AtlasActorKind       atlas_actor_get_kind         (AtlasActor *self);
/* the actor this one belongs to (Lavrov → Russia), or NULL; borrowed */
AtlasActor          *atlas_actor_get_affiliation  (AtlasActor *self);
const char          *atlas_actor_get_description  (AtlasActor *self);
/* position in atlas_dataset_get_actors(), stable for the dataset's life */
guint                atlas_actor_get_index        (AtlasActor *self);
/* number of events in the dataset this actor takes part in (any role) */
guint                atlas_actor_get_n_events     (AtlasActor *self);
/* TRUE when @self is @ancestor or is affiliated to it, directly or through others */
gboolean             atlas_actor_is_member_of     (AtlasActor *self,
                                                   AtlasActor *ancestor);

G_END_DECLS
