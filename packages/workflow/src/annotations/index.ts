export * from "./bounding-box";
export * from "./bounding-box-3d";
export * from "./custom";
export * from "./label";
export * from "./mask";
export * from "./points";
export * from "./polygon";
export * from "./segment";
export { Point2D, Point3D } from "./shared";
