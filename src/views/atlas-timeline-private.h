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

G_END_DECLS
