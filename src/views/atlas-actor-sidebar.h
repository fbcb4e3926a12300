/* atlas-actor-sidebar.h — the actors of the dataset: search, filter, highlight
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "atlas-model.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_ACTOR_SIDEBAR (atlas_actor_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (AtlasActorSidebar, atlas_actor_sidebar, ATLAS, ACTOR_SIDEBAR, GtkWidget)

GtkWidget    *atlas_actor_sidebar_new                    (void);
AtlasContext *atlas_actor_sidebar_get_context            (AtlasActorSidebar *self);
void          atlas_actor_sidebar_set_context            (AtlasActorSidebar *self,
                                                          AtlasContext      *context);

/* Mostly for tests: drive the sidebar as the user would */
void          atlas_actor_sidebar_set_search             (AtlasActorSidebar *self,
                                                          const char        *text);
/* number of rows currently shown (headings included) */
guint         atlas_actor_sidebar_get_n_rows             (AtlasActorSidebar *self);
/* number of actor rows currently shown */
guint         atlas_actor_sidebar_get_n_actor_rows       (AtlasActorSidebar *self);
/* same path as clicking the actor's check */
void          atlas_actor_sidebar_toggle_actor           (AtlasActorSidebar *self,
                                                          AtlasActor        *actor);
/* same path as the row's "Only" button */
void          atlas_actor_sidebar_show_only_actor        (AtlasActorSidebar *self,
                                                          AtlasActor        *actor);
gboolean      atlas_actor_sidebar_actor_is_highlighted   (AtlasActorSidebar *self,
                                                          AtlasActor        *actor);
/* the path of the row's menu button (or a secondary click): opens and returns
 * the actor's menu — "Only Claims by This Actor" and its connections */
GtkPopover   *atlas_actor_sidebar_open_actor_menu        (AtlasActorSidebar *self,
                                                          AtlasActor        *actor);

G_END_DECLS
