# ctest -P script: installs libparley (component "parley") into a scratch prefix, then builds
# and runs a consumer twice: with find_package(parley) and with pkg-config.
#   cmake -DBUILD_DIR=... -DSOURCE_DIR=<tests/capi/package> -DWORK_DIR=... -DGENERATOR=Ninja
#         -DCC=cc [-DSANITIZE_FLAGS=...] -P check_package.cmake
foreach(var BUILD_DIR SOURCE_DIR WORK_DIR GENERATOR CC)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_package.cmake: -D${var}=... is required")
  endif()
endforeach()

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT result EQUAL 0)
    string(REPLACE ";" " " command "${ARGN}")
    message(FATAL_ERROR "failed (${result}): ${command}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

function(expect_consumer_ok output)
  if(NOT output MATCHES "consumer ok")
    message(FATAL_ERROR "the consumer did not report success:\n${output}")
  endif()
endfunction()

set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix} --component parley)

# 1. CMake package.
run(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/cmake-build -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_C_COMPILER=${CC}
    "-DCMAKE_C_FLAGS=${SANITIZE_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${SANITIZE_FLAGS}")
run(${CMAKE_COMMAND} --build ${WORK_DIR}/cmake-build)
run(${WORK_DIR}/cmake-build/consumer)
expect_consumer_ok("${run_output}")

# 2. pkg-config (the .pc file locates the prefix from its own path).
file(GLOB_RECURSE pc_files ${prefix}/*/parley.pc)
list(LENGTH pc_files pc_count)
if(NOT pc_count EQUAL 1)
  message(FATAL_ERROR "expected one installed parley.pc, found: ${pc_files}")
endif()
get_filename_component(pc_dir ${pc_files} DIRECTORY)
set(ENV{PKG_CONFIG_PATH} ${pc_dir})
run(pkg-config --cflags parley)
string(STRIP "${run_output}" cflags)
run(pkg-config --libs parley)
string(STRIP "${run_output}" libs)
run(pkg-config --variable=libdir parley)
string(STRIP "${run_output}" libdir)
separate_arguments(cflags UNIX_COMMAND "${cflags}")
separate_arguments(libs UNIX_COMMAND "${libs}")
separate_arguments(sanitize UNIX_COMMAND "${SANITIZE_FLAGS}")
run(${CC} -std=c99 -Wall -Wextra -pedantic -Werror ${sanitize} ${cflags}
    ${SOURCE_DIR}/consumer.c -o ${WORK_DIR}/pkg-consumer ${libs} -Wl,-rpath,${libdir})
run(${WORK_DIR}/pkg-consumer)
expect_consumer_ok("${run_output}")
