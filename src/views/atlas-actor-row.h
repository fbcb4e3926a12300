/* atlas-actor-row.h — one row of the actor sidebar: a kind heading or an actor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "atlas-model.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_ACTOR_ROW (atlas_actor_row_get_type ())
G_DECLARE_FINAL_TYPE (AtlasActorRow, atlas_actor_row, ATLAS, ACTOR_ROW, GtkWidget)

GtkWidget  *atlas_actor_row_new             (void);

/* A section heading ("States"); plain text */
void        atlas_actor_row_set_heading     (AtlasActorRow *self,
                                             const char    *heading);
/* An actor row, indented by @depth levels; @subtitle (plain text) may be NULL */
void        atlas_actor_row_set_actor       (AtlasActorRow *self,
                                             AtlasActor    *actor,
                                             const char    *language,
                                             guint          depth,
                                             const char    *subtitle);
/* NULL for a heading; borrowed */
AtlasActor *atlas_actor_row_get_actor       (AtlasActorRow *self);

/* State the sidebar computes from the context */
void        atlas_actor_row_set_checked     (AtlasActorRow *self,
                                             gboolean       checked);
gboolean    atlas_actor_row_get_checked     (AtlasActorRow *self);
void        atlas_actor_row_set_count       (AtlasActorRow *self,
                                             guint          count);
void        atlas_actor_row_set_highlighted (AtlasActorRow *self,
                                             gboolean       highlighted);
void        atlas_actor_row_set_dark        (AtlasActorRow *self,
                                             gboolean       dark);

G_END_DECLS
