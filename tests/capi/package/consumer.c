/* Uses the installed header and library: the run-time version must match the header's, and
 * a call must work end to end (a refused config gives a typed error and a message). */
#include <parley/parley.h>

#include <stdio.h>

int main(void) {
  int major = -1, minor = -1, patch = -1;
  parley_config *cfg = NULL;
  parley_client *client = NULL;
  parley_status status;

  parley_version(&major, &minor, &patch);
  if (major != PARLEY_VERSION_MAJOR || minor != PARLEY_VERSION_MINOR ||
      patch != PARLEY_VERSION_PATCH) {
    fprintf(stderr, "header %s but library %d.%d.%d\n", PARLEY_VERSION_STRING, major, minor,
            patch);
    return 1;
  }
  if (parley_config_new(&cfg) != PARLEY_OK) return 1;
  status = parley_client_create(&client, cfg); /* no URL, no token */
  if (status != PARLEY_E_INVALID_ARGUMENT || parley_last_error_message()[0] == '\0') {
    fprintf(stderr, "unexpected status %s\n", parley_status_name(status));
    return 1;
  }
  printf("parley %d.%d.%d consumer ok\n", major, minor, patch);
  return 0;
}
