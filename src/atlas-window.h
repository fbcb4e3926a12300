/* atlas-window.h — the main window: layout, header bar, loading, dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "atlas-model.h"

G_BEGIN_DECLS

typedef struct _AtlasApplication AtlasApplication;

/* What the command line asks of a window once its dataset is loaded. */
typedef struct {
  char      *select_event;   /* --select EVENT_ID */
  char     **actors;         /* --actor ACTOR_ID… */
  char      *time;           /* --time ISO_DATE */
  char      *screenshot;     /* --screenshot FILE.png */
  gboolean   release_app_when_done;
} AtlasWindowOptions;

AtlasWindowOptions *atlas_window_options_new  (void);
void                atlas_window_options_free (AtlasWindowOptions *options);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasWindowOptions, atlas_window_options_free)

#define ATLAS_TYPE_WINDOW (atlas_window_get_type ())
G_DECLARE_FINAL_TYPE (AtlasWindow, atlas_window, ATLAS, WINDOW, AdwApplicationWindow)

AtlasWindow   *atlas_window_new          (AtlasApplication   *application);
AtlasContext  *atlas_window_get_context  (AtlasWindow        *self);

/* Loads @file (NULL: the bundled dataset, unless one is already shown), then
 * applies @options (taking ownership; may be NULL). */
void           atlas_window_apply        (AtlasWindow        *self,
                                          GFile              *file,
                                          AtlasWindowOptions *options);
/* Loads @file; on failure the current dataset stays and the errors are shown. */
void           atlas_window_open_file    (AtlasWindow        *self,
                                          GFile              *file);
/* TRUE while a load is running */
gboolean       atlas_window_is_loading   (AtlasWindow        *self);
/* the messages of the last failed load, or NULL */
const char    *atlas_window_get_error    (AtlasWindow        *self);

/* Renders the window as it is now into a PNG. */
gboolean       atlas_window_save_png     (AtlasWindow        *self,
                                          const char         *path,
                                          GError            **error);

G_END_DECLS
