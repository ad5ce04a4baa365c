# shellcheck shell=bash
# Shared by installer/build-linux.sh and build-macos.sh (sourced, not run): staging the jars and
# choosing the runtime's JDK modules. Expects ROOT, JDK, STAGE and DIST set; SCRIPT names the
# caller in messages.

# stage_jars PATTERN: the JavaFX jars named like PATTERN (this platform's, e.g. 'javafx-*-linux*.jar')
# go to $STAGE/javafx for the module path, their modules into FX_MODULES; the app jar and every
# other jar in target/lib go to $STAGE/input for the classpath.
stage_jars() {
  local pattern="$1" jar name module
  rm -rf "$STAGE"
  mkdir -p "$STAGE/javafx" "$STAGE/input" "$DIST"
  cp target/ha-console.jar "$STAGE/input/"
  FX_MODULES=""
  for jar in target/lib/*.jar; do
    name="$(basename "$jar")"
    # shellcheck disable=SC2254   # PATTERN is a glob on purpose
    case "$name" in
      $pattern)                                # e.g. javafx-controls-21.0.11-linux.jar
        cp "$jar" "$STAGE/javafx/"
        module="${name%%-[0-9]*}"              # javafx-controls
        FX_MODULES="$FX_MODULES,javafx.${module#javafx-}" ;;
      javafx-*.jar) ;;                         # other platforms' jars, empty stubs (javafx.xxxEmpty)
      *) cp "$jar" "$STAGE/input/" ;;
    esac
  done
  FX_MODULES="${FX_MODULES#,}"
  [ -n "$FX_MODULES" ] || { echo "$SCRIPT: no $pattern in target/lib" >&2; exit 1; }
}

# jdk_modules: LINK, the JDK modules to link: jpackage/modules.txt, plus whatever jdeps finds in
# the staged jars, less those this JDK lacks.
jdk_modules() {
  local jar dir found m available modules
  modules="$(sed -e 's/#.*//' -e 's/[[:space:]]//g' jpackage/modules.txt | grep -v '^$' | paste -sd, -)"
  # jdeps cannot take modular jars whose required modules are absent (TilesFX needs javafx.web),
  # so it reads the unpacked classes with every module-info removed: all of it runs on the classpath.
  rm -rf "$STAGE/jdeps"
  for jar in "$STAGE"/input/*.jar; do
    dir="$STAGE/jdeps/$(basename "$jar" .jar)"
    mkdir -p "$dir"
    (cd "$dir" && "$JDK/bin/jar" xf "$ROOT/$jar")
  done
  find "$STAGE/jdeps" -name module-info.class -delete
  found="$("$JDK/bin/jdeps" --ignore-missing-deps --print-module-deps "$STAGE"/jdeps/* 2>/dev/null | tail -1 || true)"
  rm -rf "$STAGE/jdeps"
  case "$found" in java.*) ;; *) echo "$SCRIPT: jdeps gave no module list" >&2; exit 1 ;; esac
  for m in ${found//,/ }; do
    case ",$modules," in
      *",$m,"*) ;;
      *) echo "NOTE: jdeps needs $m, which jpackage/modules.txt lacks: linking it anyway; add it there"
         modules="$modules,$m" ;;
    esac
  done
  # link only modules this JDK has (jdk.crypto.ec, for one, is on its way out of the JDK)
  available=",$("$JDK/bin/java" --list-modules | sed 's/@.*//' | paste -sd, -),"
  LINK=""
  for m in ${modules//,/ }; do
    case "$available" in
      *",$m,"*) LINK="$LINK,$m" ;;
      *) echo "NOTE: $m is not in this JDK; skipped" ;;
    esac
  done
  LINK="${LINK#,}"
  echo "jdeps: $found"
  echo "JDK modules: $LINK"
  echo "JavaFX modules: $FX_MODULES"
}
