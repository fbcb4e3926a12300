/* atlas-timeline.h — the events in time: axis, lanes of marks, playhead, range brush
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "atlas-model.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_TIMELINE (atlas_timeline_get_type ())
G_DECLARE_FINAL_TYPE (AtlasTimeline, atlas_timeline, ATLAS, TIMELINE, GtkWidget)

GtkWidget    *atlas_timeline_new                (void);
AtlasContext *atlas_timeline_get_context        (AtlasTimeline *self);
void          atlas_timeline_set_context        (AtlasTimeline *self,
                                                 AtlasContext  *context);

/* Shows [@from, @to) across the width (applied at the next allocation when
 * the widget has no size yet). */
void          atlas_timeline_zoom_to_range      (AtlasTimeline *self,
                                                 gint64         from,
                                                 gint64         to);
/* Frames the dataset's whole time range with a little padding; it stays framed
 * across resizes until the user zooms or pans. */
void          atlas_timeline_frame_all          (AtlasTimeline *self);

/* Widget coordinates ↔ instants at the current zoom */
double        atlas_timeline_time_to_x          (AtlasTimeline *self,
                                                 gint64         time);
gint64        atlas_timeline_x_to_time          (AtlasTimeline *self,
                                                 double         x);

/* The event drawn at (@x, @y), or NULL; borrowed */
AtlasEvent   *atlas_timeline_get_event_at       (AtlasTimeline *self,
                                                 double         x,
                                                 double         y);
/* The centre of @event's mark (of its part in view for a long span); FALSE when
 * it is not drawn as a mark of its own (filtered out, out of view, or collapsed
 * into the density strip). */
gboolean      atlas_timeline_get_event_position (AtlasTimeline *self,
                                                 AtlasEvent    *event,
                                                 double        *x,
                                                 double        *y);
/* Number of events drawn as not ghosted, i.e. visible per the context, at any
 * position along the axis (in view or not). */
guint         atlas_timeline_get_n_drawn        (AtlasTimeline *self);
/* Whether the count histogram is drawn above the lanes at the current size,
 * zoom and pan: only when marks pile up (many in view, or more lanes than fit) */
gboolean      atlas_timeline_get_histogram_visible (AtlasTimeline *self);
char         *atlas_timeline_dup_tooltip_at     (AtlasTimeline *self,
                                                double         x,
                                                double         y);

/* The code path of a primary click at (@x, @y): selects the event there (Ctrl
 * toggles it), or clears the selection on empty space. */
void          atlas_timeline_click_at           (AtlasTimeline   *self,
                                                 double           x,
                                                 double           y,
                                                 GdkModifierType  state);

G_END_DECLS
