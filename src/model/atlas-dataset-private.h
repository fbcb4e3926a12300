/* atlas-dataset-private.h — construction API for the loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "atlas-dataset.h"

G_BEGIN_DECLS

/* Takes the four arrays (each owning its objects, file order).  The objects must
 * be complete and valid: the dataset sorts the events, numbers everything and
 * builds its indexes.  Strings are copied; @file may be NULL. */
AtlasDataset *atlas_dataset_new_internal (GFile      *file,
                                          const char *title,
                                          const char *description,
                                          const char *language,
                                          GPtrArray  *sources,
                                          GPtrArray  *actors,
                                          GPtrArray  *locations,
                                          GPtrArray  *events);

/* Events per block of the time index */
#define ATLAS_DATASET_TIME_BLOCK 64

/* Columns of the dated events (the first @n_dated, in index order, so @starts is
 * sorted): what the context needs to cut a time window by binary search.
 * @block_max[b] is the latest span end of events [b * BLOCK, (b + 1) * BLOCK),
 * @block_prefix_max[b] the latest of blocks 0 … b (non-decreasing). */
typedef struct
{
  const gint64 *starts;
  const gint64 *span_tos;
  const gint64 *block_max;
  const gint64 *block_prefix_max;
  guint         n_dated;
  guint         n_blocks;
  gboolean      spans_positive;   /* every span ends after its start */
} AtlasDatasetTimeIndex;

/* borrowed, valid for the dataset's life */
const AtlasDatasetTimeIndex *atlas_dataset_get_time_index (AtlasDataset *self);

G_END_DECLS
