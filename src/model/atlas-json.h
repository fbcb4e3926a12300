/* atlas-json.h — typed JSON getters that record a problem with its JSON path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each getter looks up @member in @object (whose JSON path is @path, "" for the
 * top level) and checks its type.  A missing required member, a wrong type or a
 * string over the length limit adds one line to @problems, "path.member: what is
 * wrong", and the getter returns NULL / FALSE.  An absent optional member returns
 * NULL / FALSE without a problem.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ATLAS_JSON_MAX_PROBLEMS    100
#define ATLAS_JSON_MAX_STRING      ((gsize) 1 << 20)     /* 1 MiB */
#define ATLAS_JSON_MAX_TEXT        ((gsize) 64 << 20)    /* source texts: 64 MiB */
#define ATLAS_JSON_MAX_ARRAY       10000000u

typedef struct
{
  GPtrArray *lines;       /* the first ATLAS_JSON_MAX_PROBLEMS "path: message" lines */
  guint      n_problems;  /* all of them */
} AtlasProblems;

void        atlas_problems_init      (AtlasProblems *problems);
void        atlas_problems_clear     (AtlasProblems *problems);
void        atlas_problems_add       (AtlasProblems *problems,
                                      const char    *path,
                                      const char    *format,
                                      ...) G_GNUC_PRINTF (3, 4);
/* one line per problem, each prefixed with "@display_name: ", plus a last
 * "… and N more problems" line when some were left out */
char       *atlas_problems_to_string (AtlasProblems *problems,
                                      const char    *display_name);
/* the same with @separator between the name and each problem: ":" for problems
 * whose paths are line numbers ("FILE:12: column latitude: …") */
char       *atlas_problems_join      (AtlasProblems *problems,
                                      const char    *display_name,
                                      const char    *separator);

/* "path.member", or "member" when @path is empty */
char       *atlas_json_path_member   (const char    *path,
                                      const char    *member);
/* "path[index]" */
char       *atlas_json_path_index    (const char    *path,
                                      guint          index);
/* "a string", "a number", "an integer", "a boolean", "null", "an array", "an object" */
const char *atlas_json_describe_node (JsonNode      *node);

/* node checks, for array elements: add "path: expected …, got …" on mismatch */
JsonObject *atlas_json_expect_object (JsonNode      *node,
                                      const char    *path,
                                      AtlasProblems *problems);
const char *atlas_json_expect_string (JsonNode      *node,
                                      const char    *path,
                                      gsize          max_bytes,
                                      AtlasProblems *problems);

const char *atlas_json_get_string    (JsonObject    *object,
                                      const char    *member,
                                      const char    *path,
                                      gboolean       required,
                                      AtlasProblems *problems);
/* like atlas_json_get_string with its own length limit */
const char *atlas_json_get_text      (JsonObject    *object,
                                      const char    *member,
                                      const char    *path,
                                      gboolean       required,
                                      gsize          max_bytes,
                                      AtlasProblems *problems);
/* a required, non-empty string: for ids */
const char *atlas_json_get_id        (JsonObject    *object,
                                      const char    *member,
                                      const char    *path,
                                      AtlasProblems *problems);
gboolean    atlas_json_get_int       (JsonObject    *object,
                                      const char    *member,
                                      const char    *path,
                                      gboolean       required,
                                      gint64        *out,
                                      AtlasProblems *problems);
/* integers or decimals; refuses non-finite values */
gboolean    atlas_json_get_double    (JsonObject    *object,
                                      const char    *member,
                                      const char    *path,
                                      gboolean       required,
                                      double        *out,
                                      AtlasProblems *problems);
JsonArray  *atlas_json_get_array     (JsonObject    *object,
                                      const char    *member,
                                      const char    *path,
                                      gboolean       required,
                                      AtlasProblems *problems);
JsonObject *atlas_json_get_object    (JsonObject    *object,
                                      const char    *member,
                                      const char    *path,
                                      gboolean       required,
                                      AtlasProblems *problems);
/* "path.member: unknown word "x" (expected one of: a, b, c)" */
void        atlas_json_unknown_word  (AtlasProblems *problems,
                                      const char    *path,
                                      const char    *member,
                                      const char    *word,
                                      const char    *allowed);

G_END_DECLS
