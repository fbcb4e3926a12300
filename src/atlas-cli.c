/* atlas-cli.c — what the command line does without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "atlas-cli.h"
#include "atlas-model.h"

/* The loader's message is one complete line per problem, each starting with
 * the file's path; name the file as the user typed it instead. */
static void
print_problems (FILE       *err,
                GFile      *file,
                const char *given,
                const char *message)
{
  g_autofree char *path = g_file_get_path (file);
  g_auto(GStrv) lines = g_strsplit (message, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (path != NULL && g_str_has_prefix (lines[i], path))
        fprintf (err, "%s%s\n", given, lines[i] + strlen (path));
      else
        fprintf (err, "%s\n", lines[i]);
    }
}

int
atlas_cli_validate (const char * const *paths,
                    FILE               *out,
                    FILE               *err)
{
  int status = 0;

  if (paths == NULL || paths[0] == NULL)
    {
      fprintf (err, "%s\n", _("--validate needs at least one FILE"));
      return 2;
    }

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (paths[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(AtlasDataset) dataset = NULL;

      dataset = atlas_dataset_new_from_file (file, NULL, &error);
      if (dataset == NULL)
        {
          print_problems (err, file, paths[i], error->message);
          status = 1;
          continue;
        }

      fprintf (out,
               /* Translators: FILE: OK (12 events, 5 actors, 3 locations) */
               _("%s: OK (%u events, %u actors, %u locations)\n"),
               paths[i],
               g_list_model_get_n_items (atlas_dataset_get_events (dataset)),
               g_list_model_get_n_items (atlas_dataset_get_actors (dataset)),
               g_list_model_get_n_items (atlas_dataset_get_locations (dataset)));
    }

  fflush (out);
  fflush (err);

  return status;
}
