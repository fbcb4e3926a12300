/* fuzz-loader.c — libFuzzer target: arbitrary bytes through the dataset loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built only with -Dfuzzing=true and clang; run by `build-aux/check --fuzz`.
 * Every input must either load or fail with an ATLAS_DATASET_ERROR, without a
 * crash, a sanitizer report, a leak or a critical warning.
 */

#define G_LOG_DOMAIN "atlas-fuzz"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "atlas-model.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* a critical or a warning is a bug: make it a crash the fuzzer reports */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  gint64 from, to;
  double box[4];

  dataset = atlas_dataset_new_from_bytes (bytes, "fuzz", &error);
  if (dataset == NULL)
    {
      if (error == NULL || error->domain != ATLAS_DATASET_ERROR || error->message[0] == '\0'
          || !g_utf8_validate (error->message, -1, NULL))
        abort ();
      return 0;
    }

  if (error != NULL)
    abort ();

  /* walk what was built: every event, its indexes and the dataset's ranges */
  atlas_dataset_get_time_range (dataset, &from, &to);
  atlas_dataset_get_bounds (dataset, &box[0], &box[1], &box[2], &box[3]);
  for (guint i = 0; i < atlas_dataset_get_n_events (dataset); i++)
    {
      AtlasEvent *event = atlas_dataset_get_event (dataset, i);

      if (atlas_event_get_index (event) != i
          || atlas_dataset_lookup_event (dataset, atlas_event_get_id (event)) != event
          || !g_utf8_validate (atlas_event_get_title (event), -1, NULL))
        abort ();
    }

  return 0;
}
