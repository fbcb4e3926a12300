/* atlas-window-private.h — the window's state, shared with its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "atlas-actor-sidebar.h"
#include "atlas-basemap-source.h"
#include "atlas-event-details.h"
#include "atlas-map-view.h"
#include "atlas-source-pane.h"
#include "atlas-timeline.h"
#include "atlas-view-state.h"
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
  GtkProgressBar       *loading_progress;
  GtkWidget            *header_load_box;    /* shown while a dataset is shown and another loads */
  GtkProgressBar       *header_load_progress;
  AdwStatusPage        *error_page;
  GtkLabel             *error_label;
  GtkPaned             *paned;
  AdwFlap              *flap;
  AtlasActorSidebar    *sidebar;
  AtlasMapView         *map_view;
  GtkRevealer          *source_revealer;
  AtlasSourcePane      *source_pane;
  GtkRevealer          *details_revealer;
  AtlasEventDetails    *details;
  GtkLabel             *playhead_label;
  GtkLabel             *count_label;
  GtkWidget            *clear_filter_button;
  AtlasTimeline        *timeline;
  GMenu                *recent_section;

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
  GFileMonitor         *monitor;       /* watches file */
  AtlasViewState       *pending_view;  /* applied after the next load */
  char                 *last_toast;
  guint                 monitor_timeout_id;
  guint                 map_tick_id;
  guint                 spinner_id;     /* starts the loading spinner */
  double                pending_map[3]; /* lat, lon, zoom */

  guint                 paned_restored : 1;
  guint                 auto_reload : 1;  /* the load was started by the file monitor */
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

/* atlas-window-files.c */
void            atlas_window_files_init        (AtlasWindow          *self);
void            atlas_window_files_constructed (AtlasWindow          *self);
void            atlas_window_files_dispose     (AtlasWindow          *self);
void            atlas_window_open_recent       (AtlasWindow          *self,
                                                const char           *uri);
void            atlas_window_clear_recent      (AtlasWindow          *self);
/* watches self->file for changes (not resources); reloads when it changes */
void            atlas_window_watch_file        (AtlasWindow          *self);
/* filter, selection, playhead and map position */
AtlasViewState *atlas_window_capture_view      (AtlasWindow          *self);
void            atlas_window_restore_view      (AtlasWindow          *self,
                                                const AtlasViewState *state);
/* opens @state's dataset (unless shown) and applies @state; takes ownership */
void            atlas_window_open_view         (AtlasWindow          *self,
                                                AtlasViewState       *state);
/* the text of the last toast shown, for tests */
const char     *atlas_window_get_last_toast    (AtlasWindow          *self);

G_END_DECLS
