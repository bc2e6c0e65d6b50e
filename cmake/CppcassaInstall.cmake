# Install rules so that find_package(cppcassa) works from an install prefix.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS cppcassa EXPORT cppcassaTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/cppcassa DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT cppcassaTargets NAMESPACE cppcassa:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/cppcassa)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/cppcassaConfig.cmake.in
    ${PROJECT_BINARY_DIR}/cppcassaConfig.cmake
    INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/cppcassa)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/cppcassaConfigVersion.cmake
    COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/cppcassaConfig.cmake ${PROJECT_BINARY_DIR}/cppcassaConfigVersion.cmake
    ${PROJECT_SOURCE_DIR}/cmake/CppcassaCompilerNotes.cmake
    DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/cppcassa)
