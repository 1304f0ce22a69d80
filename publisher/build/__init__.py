"""The build: the stages run in order, the fingerprint that skips a build with nothing to do, the build date."""
