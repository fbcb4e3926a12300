/* atlas-undated-tray.h — the visible events without a time, in a strip under the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "atlas-model.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_UNDATED_TRAY (atlas_undated_tray_get_type ())
G_DECLARE_FINAL_TYPE (AtlasUndatedTray, atlas_undated_tray, ATLAS, UNDATED_TRAY, GtkWidget)

/* At most this many events get a pill; the rest are listed behind "+N more". */
#define ATLAS_UNDATED_TRAY_MAX_PILLS 50

GtkWidget    *atlas_undated_tray_new             (void);
AtlasContext *atlas_undated_tray_get_context     (AtlasUndatedTray *self);
void          atlas_undated_tray_set_context     (AtlasUndatedTray *self,
                                                  AtlasContext     *context);

/* Mostly for tests. */

/* the visible undated events (the number the tray shows) */
guint         atlas_undated_tray_get_n_events    (AtlasUndatedTray *self);
/* the pills, in time (file) order; the pill is a GtkButton, borrowed */
guint         atlas_undated_tray_get_n_pills     (AtlasUndatedTray *self);
GtkWidget    *atlas_undated_tray_get_pill        (AtlasUndatedTray *self,
                                                  guint             i);
AtlasEvent   *atlas_undated_tray_get_pill_event  (AtlasUndatedTray *self,
                                                  guint             i);
/* the same path as a click on the pill (Ctrl in @modifiers toggles the event) */
void          atlas_undated_tray_click_pill      (AtlasUndatedTray *self,
                                                  guint             i,
                                                  GdkModifierType   modifiers);
/* the events listed behind "+N more" */
guint         atlas_undated_tray_get_n_more      (AtlasUndatedTray *self);
/* the text of the count label and of the "+N more" button as shown */
const char   *atlas_undated_tray_get_count_text  (AtlasUndatedTray *self);
const char   *atlas_undated_tray_get_more_text   (AtlasUndatedTray *self);

G_END_DECLS
