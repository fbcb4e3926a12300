/* atlas-timeline-private.h — what tests check of the timeline's inner workings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "atlas-timeline.h"

G_BEGIN_DECLS

/* The counts the histogram draws at the current size, zoom, pan and playhead:
 * per 3-pixel column, in @all (guint) the events matching the filter whose span
 * (a dot: its centre) touches the column, in @visible those not after the
 * playhead.  @one_by_one counts them one event at a time instead of by binary
 * searches over the sorted times; both must agree.  Returns how many events
 * touch the view. */
guint atlas_timeline_count_columns (AtlasTimeline *self,
                                    gboolean       one_by_one,
                                    GArray        *all,
                                    GArray        *visible);

/* From how many matching events on a sparse view lays out only a window of
 * them around the view (0: always, G_MAXUINT: never) */
void     atlas_timeline_set_layout_window_min (AtlasTimeline *self,
                                               guint          n_events);
/* TRUE: lay everything out by sorting it (what merging the runs of each kind
 * of span must equal) */
void     atlas_timeline_set_layout_by_sorting (AtlasTimeline *self,
                                               gboolean       by_sorting);
/* The lane of @event in the layout of the current view
 * (ATLAS_TIMESCALE_LANE_OVERFLOW: the density strip); FALSE when it is not laid
 * out (a dense view, filtered out, outside the window) */
gboolean atlas_timeline_get_event_lane        (AtlasTimeline *self,
                                               AtlasEvent    *event,
                                               guint         *lane);
/* how many events the current layout holds */
guint    atlas_timeline_get_n_laid_out        (AtlasTimeline *self);

G_END_DECLS
