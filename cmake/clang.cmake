# The C/C++ front end on Clang 19 LibTooling, and the clang-tidy plugin built from the same
# rule code. Included from the top-level CMakeLists.txt when ANYMIG_CLANG is ON; when LLVM or
# Clang 19 is absent it says so and returns, and the Python path builds as before.

set(ANYMIG_LLVM_PREFIX "/usr/lib/llvm-19" CACHE PATH "Where LLVM/Clang 19 is installed")
find_package(LLVM 19 CONFIG QUIET HINTS ${ANYMIG_LLVM_PREFIX}/lib/cmake/llvm NO_DEFAULT_PATH)
find_package(Clang CONFIG QUIET HINTS ${ANYMIG_LLVM_PREFIX}/lib/cmake/clang NO_DEFAULT_PATH)
if(NOT LLVM_FOUND OR NOT Clang_FOUND OR NOT TARGET clang-cpp)
  message(STATUS "anymig: LLVM/Clang 19 not found (install llvm-19-dev libclang-19-dev libclang-cpp19-dev): "
                 "the C/C++ front end and the clang-tidy plugin are disabled")
  return()
endif()
if(NOT EXISTS ${ANYMIG_LLVM_PREFIX}/include/clang-tidy/ClangTidyModule.h)
  message(STATUS "anymig: clang-tidy headers not found under ${ANYMIG_LLVM_PREFIX}/include/clang-tidy: "
                 "the C/C++ front end is disabled")
  return()
endif()
message(STATUS "anymig: C/C++ front end on LLVM ${LLVM_PACKAGE_VERSION} (${LLVM_INSTALL_PREFIX})")

# Builtin headers (stddef.h, ...) for LibTooling runs: the compile commands name g++ or c++,
# whose location says nothing about Clang's resource directory.
set(ANYMIG_CLANG_RESOURCE_DIR "${LLVM_LIBRARY_DIR}/clang/${LLVM_VERSION_MAJOR}")
if(NOT EXISTS ${ANYMIG_CLANG_RESOURCE_DIR}/include/stddef.h)
  message(STATUS "anymig: no Clang resource directory at ${ANYMIG_CLANG_RESOURCE_DIR}; the C/C++ front end is disabled")
  return()
endif()

set(ANYMIG_CLANG_FLAGS ${ANYMIG_WARNINGS} -Wno-comment)
if(NOT LLVM_ENABLE_RTTI)
  list(APPEND ANYMIG_CLANG_FLAGS -fno-rtti)
endif()

# Engine + the boost-thread-to-std rules: shared by the CLI library and the plugin.
# One rule per file; a unity build keeps the Clang-header-heavy translation units few.
file(GLOB ANYMIG_CPP_RULES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/rewrites/boost_thread_to_std/*.cpp)
# The pack's descriptor builds the CLI's front end: the CLI library links it, the plugin does not.
list(FILTER ANYMIG_CPP_RULES EXCLUDE REGEX "/descriptor\\.cpp$")
add_library(anymig_cpp_rules OBJECT ${CMAKE_SOURCE_DIR}/matchers/cpp/engine.cpp ${ANYMIG_CPP_RULES})
set_target_properties(anymig_cpp_rules PROPERTIES POSITION_INDEPENDENT_CODE ON
  UNITY_BUILD ON UNITY_BUILD_MODE BATCH UNITY_BUILD_BATCH_SIZE 0)
set_source_files_properties(${CMAKE_SOURCE_DIR}/matchers/cpp/engine.cpp PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
target_include_directories(anymig_cpp_rules SYSTEM PUBLIC ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS})
target_include_directories(anymig_cpp_rules PUBLIC ${CMAKE_SOURCE_DIR})
separate_arguments(ANYMIG_LLVM_DEFS UNIX_COMMAND "${LLVM_DEFINITIONS}")
target_compile_options(anymig_cpp_rules PUBLIC ${ANYMIG_LLVM_DEFS})
target_compile_options(anymig_cpp_rules PRIVATE ${ANYMIG_CLANG_FLAGS})

# The front end (compiled once, for the static library the tests link and for the module).
# The pack's descriptor builds this front end, so it goes with it (not into the clang-tidy plugin).
add_library(anymig_cpp_frontend OBJECT ${CMAKE_SOURCE_DIR}/matchers/cpp/frontend.cpp
  ${CMAKE_SOURCE_DIR}/rewrites/boost_thread_to_std/descriptor.cpp)
target_include_directories(anymig_cpp_frontend SYSTEM PUBLIC ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS})
target_compile_definitions(anymig_cpp_frontend PRIVATE ANYMIG_CLANG_RESOURCE_DIR="${ANYMIG_CLANG_RESOURCE_DIR}")
target_compile_options(anymig_cpp_frontend PRIVATE ${ANYMIG_CLANG_FLAGS})
target_link_libraries(anymig_cpp_frontend PUBLIC anymig_core)  # its headers only: objects are used below
set_target_properties(anymig_cpp_frontend PROPERTIES POSITION_INDEPENDENT_CODE ON)

add_library(anymig_cpp STATIC $<TARGET_OBJECTS:anymig_cpp_frontend> $<TARGET_OBJECTS:anymig_cpp_rules>)
target_include_directories(anymig_cpp SYSTEM PUBLIC ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS})
target_link_libraries(anymig_cpp PUBLIC anymig_core clang-cpp LLVM)
set_target_properties(anymig_cpp PROPERTIES POSITION_INDEPENDENT_CODE ON)
set(ANYMIG_HAVE_CLANG ON)

# libanymig-cpp.so: the same front end as a module the anymig binary dlopen()s only for runs with
# C/C++ files (tool/cpp_module.cpp), so the Python path never loads LLVM. The core is not linked
# in: its symbols come from the binary (ENABLE_EXPORTS, the whole core archive), so the module
# registers into the binary's registries.
add_library(anymig-cpp MODULE ${CMAKE_SOURCE_DIR}/matchers/cpp/module.cpp
  $<TARGET_OBJECTS:anymig_cpp_frontend> $<TARGET_OBJECTS:anymig_cpp_rules>)
target_include_directories(anymig-cpp PRIVATE ${CMAKE_SOURCE_DIR})
target_compile_definitions(anymig-cpp PRIVATE ANYMIG_VERSION="${PROJECT_VERSION}")
target_link_libraries(anymig-cpp PRIVATE clang-cpp LLVM)
set_target_properties(anymig-cpp PROPERTIES PREFIX "lib" OUTPUT_NAME "anymig-cpp")

# The clang-tidy plugin: clang-tidy-19 --load=libanymig-tidy.so -checks='-*,anymig-*'.
# clang-tidy's own symbols (ClangTidyCheck, the module registry) come from the clang-tidy
# executable that loads it, so libclangTidy*.a is deliberately not linked in.
add_library(anymig-tidy MODULE ${CMAKE_SOURCE_DIR}/matchers/cpp/tidy_module.cpp $<TARGET_OBJECTS:anymig_cpp_rules>)
target_include_directories(anymig-tidy SYSTEM PRIVATE ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS})
target_compile_options(anymig-tidy PRIVATE ${ANYMIG_CLANG_FLAGS})
target_link_libraries(anymig-tidy PRIVATE anymig_core clang-cpp LLVM)
set_target_properties(anymig-tidy PROPERTIES PREFIX "lib" OUTPUT_NAME "anymig-tidy")
