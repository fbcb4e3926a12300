/* atlas-window-private.h — the window's state, shared with its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "atlas-actor-sidebar.h"
#include "atlas-basemap-source.h"
#include "atlas-event-details.h"
#include "atlas-map-view.h"
#include "atlas-timeline.h"
#include "atlas-window.h"

G_BEGIN_DECLS

#define ATLAS_EXAMPLE_DATASET_URI \
  "resource:///io/github/eventatlas/EventAtlas/data/aleppo-2016-12-05.json"

struct _AtlasWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *stack;
  AdwStatusPage        *loading_page;
  GtkSpinner           *loading_spinner;
  AdwStatusPage        *error_page;
  GtkLabel             *error_label;
  GtkPaned             *paned;
  AdwFlap              *flap;
  AtlasActorSidebar    *sidebar;
  AtlasMapView         *map_view;
  GtkRevealer          *details_revealer;
  AtlasEventDetails    *details;
  GtkLabel             *playhead_label;
  GtkLabel             *count_label;
  GtkWidget            *clear_filter_button;
  AtlasTimeline        *timeline;

  /* owned */
  AtlasContext         *context;
  AtlasBasemapSource   *basemap;
  GSettings            *settings;
  GCancellable         *load_cancellable;
  GFile                *file;          /* the file of the dataset shown */
  GFile                *loading_file;  /* the file being loaded */
  AtlasWindowOptions   *pending;       /* applied after the next load */
  char                 *error_text;
  guint                 screenshot_id;
  guint                 screenshot_polls;
  guint                 screenshot_quiet;

  guint                 paned_restored : 1;
};

/* atlas-window-actions.c */
void  atlas_window_class_install_actions (AtlasWindowClass *klass);
void  atlas_window_update_actions        (AtlasWindow      *self);

/* atlas-window.c */
void  atlas_window_open_example          (AtlasWindow      *self);
void  atlas_window_reload                (AtlasWindow      *self);
void  atlas_window_cancel_load           (AtlasWindow      *self);
void  atlas_window_toast                 (AtlasWindow      *self,
                                          const char       *message);
/* "offline" (the bundled basemap) or "openstreetmap" (online, opt-in) */
void  atlas_window_set_basemap           (AtlasWindow      *self,
                                          const char       *name);

G_END_DECLS
